package io.contrast4j.data.corpora;

/**
 * What {@code sources.json} records for one source: its package (registry, name, version, SHA-256
 * of the downloaded file), its licence as declared, and its output file (SHA-256, documents, words).
 * {@code status} is {@code prepared} (fetched and written in this run), {@code reused} (the output
 * already existed with the recorded checksum, nothing was fetched) or {@code failed} ({@code reason}
 * says why; the other fields may be null).
 */
public record SourceRecord(
        String name,
        String registry,
        String packageName,
        String version,
        String coordinates,
        String description,
        String status,
        String reason,
        String packageFile,
        String packageSha256,
        String licence,
        String licenceDeclaredIn,
        String licenceNote,
        String output,
        String outputSha256,
        long documents,
        long words,
        double seconds) {

    public static final String PREPARED = "prepared";
    public static final String REUSED = "reused";
    public static final String FAILED = "failed";

    /** Whether the source's output file is there to use. */
    public boolean ok() {
        return !FAILED.equals(status);
    }

    static SourceRecord failed(CorpusSource s, String reason, double seconds) {
        return new SourceRecord(s.name(), s.registry(), s.packageName(), s.version(), s.coordinates(), s.description(),
                FAILED, reason, null, null, null, null, null, null, null, 0, 0, seconds);
    }

    SourceRecord reused() {
        return new SourceRecord(name, registry, packageName, version, coordinates, description, REUSED, null, packageFile,
                packageSha256, licence, licenceDeclaredIn, licenceNote, output, outputSha256, documents, words, 0);
    }
}
