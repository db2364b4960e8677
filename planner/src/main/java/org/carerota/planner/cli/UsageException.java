package org.carerota.planner.cli;

/** Bad command-line usage; the message is shown on one line and the command exits with status 2. */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
