package io.contrast4j.cli.options;

import io.contrast4j.core.UserInputException;
import java.util.function.Supplier;

/**
 * What a Spark job's failures mean to the user of {@code --spark}: a bad argument, or Spark's own
 * {@code AnalysisException} (a missing input, a column that is not there), is a one-line user error;
 * anything else stays what it is.
 */
public final class SparkJobFailures {
    private SparkJobFailures() {}

    public static <T> T asUserErrors(Supplier<T> job) {
        try {
            return job.get();
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        } catch (RuntimeException e) {
            // by name: the cli's other commands must not load Spark classes
            if (e.getClass().getName().equals("org.apache.spark.sql.AnalysisException")) {
                throw new UserInputException(e.getMessage().lines().findFirst().orElse(e.toString()));
            }
            throw e;
        }
    }
}
