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
            if (!master.startsWith("local") && System.getProperty("spark.jars") == null) {
                // Executors on other machines need contrast4j's classes: ship this JVM's jars
                // (the CLI jar and its lib/ folder), less what every Spark installation has.
                String jars = String.join(",", applicationJars());
                if (!jars.isEmpty()) {
                    b.config("spark.jars", jars);
                }
            }
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

    /** Jars of this JVM's class path (with those a jar's manifest Class-Path names), Spark's own left out. */
    static java.util.List<String> applicationJars() {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            java.nio.file.Path jar = java.nio.file.Path.of(entry).toAbsolutePath();
            if (!entry.endsWith(".jar") || !java.nio.file.Files.isRegularFile(jar)) {
                continue;
            }
            out.add(jar.toString());
            try (java.util.jar.JarFile f = new java.util.jar.JarFile(jar.toFile())) {
                java.util.jar.Manifest m = f.getManifest();
                String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
                if (cp != null) {
                    for (String rel : cp.trim().split("\\s+")) {
                        java.nio.file.Path dep = jar.getParent().resolve(rel).normalize();
                        if (java.nio.file.Files.isRegularFile(dep)) {
                            out.add(dep.toString());
                        }
                    }
                }
            } catch (java.io.IOException e) {
                // an unreadable jar is left to the class loader to complain about
            }
        }
        out.removeIf(j -> {
            String n = java.nio.file.Path.of(j).getFileName().toString();
            return n.startsWith("spark-") || n.startsWith("scala-") || n.startsWith("hadoop-");
        });
        return new java.util.ArrayList<>(out);
    }

    /** Cores a task may use ({@code spark.task.cpus}, default 1): the PyTorch threads per task. */
    public static int taskCpus(SparkSession spark) {
        return Integer.parseInt(spark.conf().get("spark.task.cpus", "1"));
    }
}
