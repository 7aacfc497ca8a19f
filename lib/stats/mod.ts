/**
 * Classical statistics for a Table 1 and for audits of published tables: quantiles and summaries,
 * t-tests, Wilcoxon rank-sum, chi-square and Fisher's exact tests, distribution tails, formatting;
 * and the pure statistics the models and lib/eval share: the Mann–Whitney AUC and DeLong's placement
 * values, variance and test, Harrell's C, and the binary-outcome and survival-data input checks.
 */
export * from "./validate.ts";
export * from "./distributions.ts";
export * from "./format.ts";
export * from "./quantile.ts";
export * from "./ttest.ts";
export * from "./wilcoxon.ts";
export * from "./chisq.ts";
export * from "./fisher.ts";
export * from "./crosstab.ts";
export * from "./icc.ts";
export * from "./gini_md.ts";
export * from "./binary_input.ts";
export * from "./auc.ts";
export * from "./delong.ts";
export * from "./survival_input.ts";
export * from "./concordance.ts";
