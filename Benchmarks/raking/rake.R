# The R side of the raking benchmark, as a user runs it: read the CSV, build the design, rake on three margins with
# R's default control, write the data with the weights. Usage: Rscript rake.R DATA.csv MARGINS.csv OUT.csv
suppressPackageStartupMessages({ library(survey); library(data.table) })
args <- commandArgs(TRUE)
step <- function(name, expr) { t <- system.time(value <- force(expr))[["elapsed"]]; cat(sprintf("r_%s_s %.3f\n", name, t)); invisible(value) }
d <- step("read", as.data.frame(fread(args[1])))
m <- as.data.frame(fread(args[2]))
pop <- lapply(c("region", "sex", "age"), function(v) {
  x <- m[m$variable == v, ]; df <- data.frame(x$level, x$total); names(df) <- c(v, "Freq"); df
})
des <- step("design", svydesign(id = ~1, weights = ~w0, data = d))
r <- step("rake", rake(des, list(~region, ~sex, ~age), pop, control = list(maxit = 10, epsilon = 1)))
d$weight <- weights(r)
step("write", fwrite(d, args[3]))
cat(sprintf("r_version %s survey %s data.table %s\n", getRversion(), packageVersion("survey"), packageVersion("data.table")))
