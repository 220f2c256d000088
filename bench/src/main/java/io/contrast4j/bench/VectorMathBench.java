package io.contrast4j.bench;

import io.contrast4j.core.vector.ScalarVectorMath;
import io.contrast4j.core.vector.VectorMath;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * VectorMath's Vector API path against its scalar reference, measured in the same run. The ratio
 * scalar/simd is the speed-up. Run (see docs/nlp-core.md for the classpath variant):
 * <pre>
 * mvn -Pbenchmarks-jar -pl bench package -DskipTests
 * java -jar bench/target/benchmarks.jar VectorMathBench
 * </pre>
 * {@code topKDot} is a brute-force 10-NN over 10,000 rows (mostSimilar, exact search).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class VectorMathBench {

    @Param({"100", "300", "384", "1024"})
    public int dim;

    private float[] a;
    private float[] b;
    private float[] matrix;
    private static final int ROWS = 10_000;

    @Setup
    public void setUp() {
        Random rnd = new Random(42);
        a = new float[dim];
        b = new float[dim];
        for (int i = 0; i < dim; i++) {
            a[i] = rnd.nextFloat() - 0.5f;
            b[i] = rnd.nextFloat() - 0.5f;
        }
        matrix = new float[ROWS * dim];
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] = rnd.nextFloat() - 0.5f;
        }
        if (!VectorMath.isSimd()) {
            throw new IllegalStateException("SIMD path is off: run with --add-modules jdk.incubator.vector");
        }
    }

    @Benchmark
    public float dotSimd() {
        return VectorMath.dot(a, 0, b, 0, dim);
    }

    @Benchmark
    public float dotScalar() {
        return ScalarVectorMath.dot(a, 0, b, 0, dim);
    }

    @Benchmark
    public float cosineSimd() {
        return VectorMath.cosine(a, 0, b, 0, dim);
    }

    @Benchmark
    public float cosineScalar() {
        return ScalarVectorMath.cosine(a, 0, b, 0, dim);
    }

    @Benchmark
    public float[] axpySimd() {
        VectorMath.axpy(1e-7f, a, 0, b, 0, dim);
        return b;
    }

    @Benchmark
    public float[] axpyScalar() {
        ScalarVectorMath.axpy(1e-7f, a, 0, b, 0, dim);
        return b;
    }

    @Benchmark
    public int topKDotSimd() {
        return VectorMath.topKDot(a, matrix, ROWS, dim, 10).indices()[0];
    }

    @Benchmark
    public int topKDotScalar() {
        float[] scores = new float[ROWS];
        ScalarVectorMath.dotAll(a, matrix, ROWS, dim, scores);
        return VectorMath.topK(scores, 10)[0];
    }
}
