# Univariable odds ratios of a study's candidates by R's glm on the training rows, for comparison with
# Table 2 of `deno task reproduce --study DIR` (results/data/table2 is not needed: the CSV is read).
# Rscript studies/univariable_or_check.R STUDY_DIR TRAIN_IDS.csv OUT.csv
#   STUDY_DIR/cohort.csv + codebook.csv; TRAIN_IDS.csv: column id (the training patients, as the
#   workspace split them); OUT.csv: term, or, lower, upper, p (Wald), n.
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(file.path(args[1], "cohort.csv"), stringsAsFactors = FALSE)
cb <- read.csv(file.path(args[1], "codebook.csv"), stringsAsFactors = FALSE)
ids <- read.csv(args[2], stringsAsFactors = FALSE)
event <- as.character(args[4])
statusCol <- cb$variable[cb$type == "status"]
d <- d[as.character(d[[cb$variable[cb$type == "id"]]]) %in% as.character(ids$id), ]
d$y <- as.integer(as.character(d[[statusCol]]) == event)
out <- NULL
for (k in which(cb$type %in% c("continuous", "categorical", "binary"))) {
  v <- cb$variable[k]
  if (cb$type[k] != "continuous") {
    lv <- strsplit(cb$levels[k], "|", fixed = TRUE)[[1]]
    d[[v]] <- relevel(factor(as.character(d[[v]]), levels = lv), ref = as.character(cb$reference[k]))
  }
  f <- glm(as.formula(paste("y ~", paste0("`", v, "`"))), family = binomial, data = d,
           control = glm.control(epsilon = as.numeric(if (length(args) >= 5) args[5] else 1e-8), maxit = 100))
  s <- summary(f)$coefficients
  ci <- confint.default(f)
  for (j in 2:nrow(s)) {
    out <- rbind(out, data.frame(term = rownames(s)[j], or = exp(s[j, 1]), lower = exp(ci[j, 1]),
                                 upper = exp(ci[j, 2]), p = s[j, 4], n = nobs(f)))
  }
}
write.csv(out, args[3], row.names = FALSE)
