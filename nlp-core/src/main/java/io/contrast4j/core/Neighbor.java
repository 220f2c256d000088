package io.contrast4j.core;

/** A word or document with its similarity score, as returned by nearest-neighbour queries. */
public record Neighbor(String key, float score) {}
