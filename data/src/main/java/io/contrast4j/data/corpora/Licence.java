package io.contrast4j.data.corpora;

/**
 * A source's licence as declared by its package: {@code name} exactly as written in the package
 * metadata, {@code declaredIn} where it was read, and {@code note}: further terms read from the
 * package's own files (e.g. a data licence beside the software licence), or null.
 */
public record Licence(String name, String declaredIn, String note) {}
