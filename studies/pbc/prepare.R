# Export of survival::pbc (survival 3.5-3, LGPL (>= 2)) as this example study's bare cohort, unchanged:
# all 418 patients, time in days, status 0 = censored, 1 = liver transplant, 2 = death, missing values
# written as empty cells. Rscript studies/pbc/prepare.R /tmp/pbc.csv
library(survival)
out <- commandArgs(trailingOnly = TRUE)[1]
p <- pbc[, c("id", "time", "status", "trt", "age", "sex", "ascites", "hepato", "spiders", "edema", "bili",
             "chol", "albumin", "copper", "alk.phos", "ast", "trig", "platelet", "protime", "stage")]
write.csv(p, out, row.names = FALSE, na = "")
