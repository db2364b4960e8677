package org.carerota.planner.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** The arguments of one command: positionals and {@code --name value} options (also {@code --name=value}). */
final class Arguments {

    private final String command;
    private final List<String> positionals = new ArrayList<>();
    private final Map<String, String> options = new LinkedHashMap<>();

    private Arguments(String command) {
        this.command = command;
    }

    /**
     * Parses the arguments after the command name.
     *
     * @param valued options that take a value
     * @param flags options that take none
     */
    static Arguments parse(String command, List<String> args, Set<String> valued, Set<String> flags) {
        Arguments parsed = new Arguments(command);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--") && arg.length() > 2) {
                String name = arg.substring(2);
                String value = null;
                int equals = name.indexOf('=');
                if (equals >= 0) {
                    value = name.substring(equals + 1);
                    name = name.substring(0, equals);
                }
                if (flags.contains(name)) {
                    if (value != null) {
                        throw new UsageException(command + ": --" + name + " takes no value");
                    }
                    parsed.options.put(name, "true");
                } else if (valued.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                            throw new UsageException(command + ": --" + name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    if (parsed.options.put(name, value) != null) {
                        throw new UsageException(command + ": --" + name + " given twice");
                    }
                } else {
                    throw new UsageException(command + ": unknown option --" + name);
                }
            } else {
                parsed.positionals.add(arg);
            }
        }
        return parsed;
    }

    List<String> positionals() {
        return positionals;
    }

    /** The only positional argument, named {@code what} in messages. */
    String single(String what) {
        if (positionals.isEmpty()) {
            throw new UsageException(command + ": missing " + what);
        }
        if (positionals.size() > 1) {
            throw new UsageException(command + ": unexpected argument '" + positionals.get(1) + "'");
        }
        return positionals.get(0);
    }

    void noPositionals() {
        if (!positionals.isEmpty()) {
            throw new UsageException(command + ": unexpected argument '" + positionals.get(0) + "'");
        }
    }

    @Nullable
    String option(String name) {
        return options.get(name);
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    String required(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new UsageException(command + ": --" + name + " is required");
        }
        return value;
    }

    long longOption(String name, long defaultValue) {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " must be a whole number, found '" + value + "'");
        }
    }

    int intOption(String name, int defaultValue, int min, int max) {
        long value = longOption(name, defaultValue);
        if (value < min || value > max) {
            throw new UsageException(command + ": --" + name + " must be " + min + " to " + max + ", found " + value);
        }
        return (int) value;
    }

    double doubleOption(String name, double defaultValue, double min) {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        double parsed;
        try {
            parsed = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " must be a number, found '" + value + "'");
        }
        if (!(parsed >= min) || Double.isInfinite(parsed)) {
            throw new UsageException(command + ": --" + name + " must be at least " + min + ", found " + value);
        }
        return parsed;
    }
}
