# Export of survival::colon (survival 3.5-3, LGPL (>= 2)) as this example study's bare cohort.
# Rscript studies/colon/prepare.R /tmp/colon_cohort.csv
# One row per patient: the recurrence records (etype == 1); complete cases (na.omit); time converted
# from days to months (days / (365.25 / 12), 2 decimals); a 70:30 training/test split column drawn in R
# (set.seed(20240601), stratified by status) so the study has a split column as a real study would.
library(survival)
out <- commandArgs(trailingOnly = TRUE)[1]
d <- colon[colon$etype == 1, c("id", "rx", "sex", "age", "obstruct", "perfor", "adhere", "nodes",
                               "differ", "extent", "surg", "node4", "status", "time")]
d <- na.omit(d)
d$months <- round(d$time / (365.25 / 12), 2)
d$time <- NULL
set.seed(20240601)
d$split <- "test"
for (s in 0:1) {
  i <- which(d$status == s)
  d$split[sample(i, round(0.7 * length(i)))] <- "train"
}
write.csv(d, out, row.names = FALSE)
