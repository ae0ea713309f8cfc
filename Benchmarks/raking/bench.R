# Times survey::rake() on the benchmark survey (3 margins) and writes its weights as raw doubles.
# Usage: Rscript bench.R DATA.csv WEIGHTS.bin RUNS
args <- commandArgs(trailingOnly = TRUE)
suppressPackageStartupMessages({ library(survey); library(data.table) })
d <- as.data.frame(fread(args[1]))
runs <- as.integer(args[3])
d$region <- factor(d$region, levels = c("Issyk-Kul urban", "Issyk-Kul rural", "Osh urban", "Osh rural"))
d$sex <- factor(d$sex, levels = c("f", "m"))
d$age <- factor(d$age, levels = c("15-19", "20-24", "25-29", "30-39", "40-49", "50-59", "60-69", "70+"))
m <- read.csv(paste0(args[1], ".margins.csv"), stringsAsFactors = FALSE)
pop <- lapply(c("region", "sex", "age"), function(v) {
  x <- m[m$variable == v, ]; df <- data.frame(x$level, x$total); names(df) <- c(v, "Freq"); df
})
t_design <- system.time(des <- svydesign(id = ~1, weights = ~w, data = d))[["elapsed"]]
times <- numeric(runs)
for (i in seq_len(runs)) {
  times[i] <- system.time(r <- rake(des, list(~region, ~sex, ~age), pop, control = list(maxit = 10, epsilon = 1)))[["elapsed"]]
}
writeBin(as.double(weights(r)), args[2])
cat(sprintf("r_design_s %.3f\n", t_design))
cat(sprintf("r_rake_median_s %.3f\n", median(times)))
cat(sprintf("r_rake_min_s %.3f\n", min(times)))
cat(sprintf("r_version %s survey %s\n", getRversion(), packageVersion("survey")))
