package org.carerota.planner.io;

import java.util.List;

/**
 * A problem or solution document that cannot be read or is not valid: malformed JSON (the message names the line,
 * column and field path) or validation errors (the message lists every error, each naming the field and the id).
 */
public class InvalidProblemException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> errors;

    public InvalidProblemException(String message) {
        super(message);
        this.errors = List.of(message);
    }

    public InvalidProblemException(String message, Throwable cause) {
        super(message, cause);
        this.errors = List.of(message);
    }

    /** One exception for a list of validation errors. */
    public InvalidProblemException(List<String> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    /** Every error found (one for malformed JSON). */
    public List<String> errors() {
        return errors;
    }

    private static String summary(List<String> errors) {
        if (errors.size() == 1) {
            return "Invalid problem: " + errors.get(0);
        }
        return "Invalid problem (" + errors.size() + " errors): " + String.join("; ", errors);
    }
}
