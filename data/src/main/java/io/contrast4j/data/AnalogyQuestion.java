package io.contrast4j.data;

/** "a is to b as c is to d", from the section named by {@code section} (e.g. capital-common-countries). */
public record AnalogyQuestion(String section, String a, String b, String c, String d) {}
