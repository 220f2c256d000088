package io.contrast4j.core.text;

/** A piece of a text with its character offsets: {@code text.substring(start, end)}. */
public record TextSpan(int start, int end, String text) {}
