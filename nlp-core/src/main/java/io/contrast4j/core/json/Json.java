package io.contrast4j.core.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The project's shared, configured Jackson mappers (thread-safe once configured), instead of one
 * {@code new ObjectMapper()} per class: {@link #MAPPER} for compact JSON and reading,
 * {@link #PRETTY} for files people read (state.json, summaries, reports).
 */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    public static final ObjectMapper PRETTY = MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}
}
