package io.contrast4j.eval.transfer;

/**
 * Outcome of one SentEval-style training run. Accuracies are percentages rounded to 2 decimals as
 * SentEval rounds them; {@code testPredictions} are class indices aligned with the test rows (for
 * cross-validation, where every row is a test row once, each row's out-of-fold prediction). {@code chosenC} lists the regularization
 * picked (one per outer fold for nested cross-validation).
 */
public record ValidationResult(double devAcc, double testAcc, double[] chosenC, int[] testPredictions) {}
