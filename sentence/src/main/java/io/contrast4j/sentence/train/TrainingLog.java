package io.contrast4j.sentence.train;

import io.contrast4j.core.UserInputException;
import io.contrast4j.core.io.AtomicFiles;
import io.contrast4j.core.io.BoundedLineReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/**
 * The run folder's record of training: {@code loss.csv} (one row per optimizer step),
 * {@code loss.png} (the curve, with the dev metric when there is one) and {@code train.log}
 * (human-readable events). On resume the CSV is cut back to the checkpoint's step, so the curve
 * of a resumed run is the curve of one run.
 */
public final class TrainingLog {

    static final String HEADER = "step,loss,learning_rate,grad_norm,seconds,rss_mb,jvm_mb,dev_metric";

    /**
     * One optimizer step. {@code rssMb} is the process's resident memory, {@code jvmMb} what the JVM
     * has committed (heap + non-heap); their difference is native memory (PyTorch, tokenizer).
     * {@code devMetric} is NaN when no evaluation ran at that step.
     */
    public record Row(long step, double loss, double learningRate, double gradNorm, double seconds, double rssMb,
            double jvmMb, double devMetric) {
        String csv() {
            return String.format(Locale.ROOT, "%d,%.6f,%.6e,%.4f,%.2f,%.1f,%.1f,%s", step, loss, learningRate, gradNorm,
                    seconds, rssMb, jvmMb, Double.isNaN(devMetric) ? "" : String.format(Locale.ROOT, "%.4f", devMetric));
        }

        static Row parse(String line) {
            String[] f = line.split(",", -1);
            if (f.length != 8) throw new IllegalArgumentException("expected 8 fields, found " + f.length);
            return new Row(Long.parseLong(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                    Double.parseDouble(f[6]), f[7].isEmpty() ? Double.NaN : Double.parseDouble(f[7]));
        }
    }

    private final Path dir;
    private final Path csv;
    private final Path log;
    private final List<Row> rows = new ArrayList<>();

    /** Opens the log of a run folder, keeping rows up to {@code resumedStep} (0 for a new run). */
    public TrainingLog(Path dir, long resumedStep) throws IOException {
        this.dir = dir;
        this.csv = dir.resolve("loss.csv");
        this.log = dir.resolve("train.log");
        Files.createDirectories(dir);
        if (resumedStep > 0 && Files.exists(csv)) {
            rows.addAll(readRows(csv, resumedStep));
        }
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        rows.forEach(r -> sb.append(r.csv()).append('\n'));
        AtomicFiles.writeString(csv, sb);
    }

    /**
     * The rows of {@code loss.csv} up to {@code lastStep}. A last row cut short by a crash (killed
     * while appending) is dropped; a malformed row before it is an error naming the line.
     */
    static List<Row> readRows(Path csv, long lastStep) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BoundedLineReader r = BoundedLineReader.open(csv, StandardCharsets.UTF_8, BoundedLineReader.defaultMaxLineBytes())
                .replacingMalformedInput()) {
            for (String line; (line = r.readLine()) != null; ) lines.add(line);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) lines.remove(lines.size() - 1);
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("step") || line.isBlank()) continue;
            Row r;
            try {
                r = Row.parse(line);
            } catch (RuntimeException e) {
                if (i == lines.size() - 1) break; // torn last row
                throw new UserInputException(csv + ":" + (i + 1) + ": not a loss.csv row: " + abbreviate(line));
            }
            if (r.step() <= lastStep) out.add(r);
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public void add(Row row) {
        rows.add(row);
        try {
            Files.writeString(csv, row.csv() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void event(String message) {
        try {
            Files.writeString(log, Instant.now() + " " + message + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders {@code loss.png}: raw loss, its moving average, and the dev metric on a second axis. */
    public void plot(String title) throws IOException {
        if (rows.isEmpty()) return;
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("step")
                .yAxisTitle("loss").build();
        chart.getStyler().setMarkerSize(0);
        double[] x = rows.stream().mapToDouble(Row::step).toArray();
        double[] y = rows.stream().mapToDouble(Row::loss).toArray();
        chart.addSeries("loss", x, y);
        // A moving average over at least 5 steps (2% of the run when longer); a window of 1 would
        // only draw the loss twice, so short runs get none.
        int window = Math.max(5, rows.size() / 50);
        if (rows.size() > window) {
            double[] smooth = new double[y.length];
            double sum = 0;
            for (int i = 0; i < y.length; i++) {
                sum += y[i];
                if (i >= window) sum -= y[i - window];
                smooth[i] = sum / Math.min(i + 1, window);
            }
            chart.addSeries("loss (moving average, " + window + " steps)", x, smooth);
        }
        List<Row> evaluated = rows.stream().filter(r -> !Double.isNaN(r.devMetric())).toList();
        if (!evaluated.isEmpty()) {
            XYSeries dev = chart.addSeries("dev metric (right axis)",
                    evaluated.stream().mapToDouble(Row::step).toArray(),
                    evaluated.stream().mapToDouble(Row::devMetric).toArray());
            dev.setYAxisGroup(1);
            dev.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
            chart.setYAxisGroupTitle(1, "dev metric");
        }
        BitmapEncoder.saveBitmap(chart, dir.resolve("loss.png").toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Heap plus non-heap memory the JVM has committed, MiB. */
    public static double jvmCommittedMegabytes() {
        var bean = java.lang.management.ManagementFactory.getMemoryMXBean();
        return (bean.getHeapMemoryUsage().getCommitted() + bean.getNonHeapMemoryUsage().getCommitted()) / (1024.0 * 1024);
    }

    /** Resident set size of this process in MiB (Linux /proc), -1 where unavailable. */
    public static double residentMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
