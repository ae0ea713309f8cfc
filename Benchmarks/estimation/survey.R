# R survey on the same file, timed step by step. Usage: Rscript survey.R FILE.csv
suppressPackageStartupMessages({ library(survey); library(data.table) })
file <- commandArgs(TRUE)[1]
# Each step: its name, elapsed seconds and CPU seconds (user + system).
step <- function(name, expr) {
  t <- system.time(value <- force(expr))
  cat(sprintf("%s %.3f %.3f\n", name, t[["elapsed"]], t[["user.self"]] + t[["sys.self"]]))
  invisible(value)
}
data <- step("read", as.data.frame(fread(file)))
design <- step("design", svydesign(id = ~psu, strata = ~stratum, weights = ~weight, nest = TRUE, data = data))
step("mean_2_variables", svymean(~y1 + y2, design))
by <- step("by_140_domains", svyby(~y1 + y2, ~oblast + urban + sex + age, design, svymean))
ci <- step("ciprop_logit", svyciprop(~I(internet == 1), design, method = "logit"))
chi <- step("chisq", svychisq(~internet + urban, design))
cat(sprintf("check first domain: mean y1 %.15g, SE %.15g\n", by$y1[1], by$se.y1[1]))
cat(sprintf("check proportion: %.15g [%.15g, %.15g]; chi-square F %.15g\n", as.numeric(ci), attr(ci, "ci")[1], attr(ci, "ci")[2], chi$statistic))
