/**
 * The one seeded generator of the workspace (`Rng`, `createRng(seed)`, `rng.fork(label)`), and the
 * rule by which randomness enters a function: in exactly one shape, never both.
 *
 * - **A seed** (an integer option `seed`, recorded in the output's labels) for the entry points a
 *   notebook, task or study calls to run a whole analysis step: the study and notebook APIs
 *   (`externalValidation`, `validateStudyModels`, `freezeStudyModel`, `reproduce`), and the step
 *   functions they and the notebooks call with the study's seed (`SelectionPipeline`,
 *   `evaluateModels` / `metricsSummary`, `validate` / `calibrate`, the twin generators). Each derives
 *   its streams as `createRng(seed)` and `fork(label)`, so one step's draws never shift another's.
 * - **An `rng`** (an `Rng` from here) for every function below them that draws: `Smote`,
 *   `stratifiedFolds`, `bootstrap`, `resampleIndices`, `decisionCurveBands`, `bootstrapTdAucBrier`,
 *   `smoothCalibration`, `calibrationSeries` (one stream continued over several calls). The caller
 *   forks it from its own generator.
 *
 * No options object declares both `seed` and `rng` (tests/primitives_test.ts).
 */
export * from "./rng.ts";
