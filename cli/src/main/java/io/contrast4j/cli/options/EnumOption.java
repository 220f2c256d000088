package io.contrast4j.cli.options;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/** Parses an enum option case-insensitively; a bad value names the option and every valid value. */
public final class EnumOption {

    private EnumOption() {}

    public static <E extends Enum<E>> E parse(Class<E> type, String option, String value) {
        return parse(option, value, Arrays.asList(type.getEnumConstants()));
    }

    /** As {@link #parse(Class, String, String)}, listing the valid values in {@code order} (the help's order). */
    public static <E extends Enum<E>> E parse(String option, String value, List<E> order) {
        for (E e : order) {
            if (e.name().equalsIgnoreCase(value.strip())) return e;
        }
        List<String> names = order.stream().map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        String valid = names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        throw new CommandLine.TypeConversionException(option + " must be " + valid + ", got '" + value + "'");
    }
}
