package io.contrast4j.spark;

import org.apache.spark.sql.SparkSession;

/**
 * Starts (or joins) the Spark session for a contrast4j job. Under {@code spark-submit} the master
 * and every setting come from there ({@code master} may then be null); from the command line the
 * master is {@code local[N]}, {@code local[*]}, {@code spark://host:7077}, {@code yarn}, ...
 */
public final class SparkSessions {
    private SparkSessions() {}

    public static SparkSession open(String master, String appName) {
        SparkSession.Builder b = SparkSession.builder().appName(appName);
        if (master != null && !master.isBlank()) {
            b.master(master);
            if (master.startsWith("local")) {
                // A local run serves no one: no web UI port, loopback only, few shuffle partitions.
                b.config("spark.ui.enabled", System.getProperty("spark.ui.enabled", "false"))
                        .config("spark.driver.host", System.getProperty("spark.driver.host", "127.0.0.1"))
                        .config("spark.driver.bindAddress", System.getProperty("spark.driver.bindAddress", "127.0.0.1"))
                        .config("spark.sql.shuffle.partitions", System.getProperty("spark.sql.shuffle.partitions", "8"));
            }
        }
        return b.getOrCreate();
    }

    /** Cores a task may use ({@code spark.task.cpus}, default 1): the PyTorch threads per task. */
    public static int taskCpus(SparkSession spark) {
        return Integer.parseInt(spark.conf().get("spark.task.cpus", "1"));
    }
}
