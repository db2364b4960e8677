package org.carerota.api.support;

import java.io.IOException;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import org.carerota.infra.db.EmbeddedDatabase;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * When a test (or its set-up) fails by waiting too long — a {@link TimeoutException} anywhere in the
 * causes, or a message saying "timeout"/"timed out" (a blocking read, a WebTestClient answer, a
 * browser page) — writes what the JVM and the database were doing at that moment to
 * {@code target/thread-dumps/<class>.<method>-<time>.txt}: every thread's full stack with its
 * locks, and {@code pg_stat_activity} of the test PostgreSQL (who holds connections, who waits on
 * what). The failure itself is rethrown unchanged.
 *
 * <p>Registered for every test of the module by JUnit's extension auto-detection
 * ({@code junit-platform.properties}, {@code META-INF/services}): intermittent hangs seen once in
 * many runs cannot be reproduced on demand, so the evidence is taken when they happen.
 */
public final class ThreadDumpOnTimeout
        implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    static final Path DIRECTORY = Path.of("target", "thread-dumps");

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        dumpIfTimeout(context, throwable);
        throw throwable;
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        dumpIfTimeout(context, throwable);
        throw throwable;
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        dumpIfTimeout(context, throwable);
        throw throwable;
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        dumpIfTimeout(context, throwable);
        throw throwable;
    }

    /** Whether {@code throwable} or one of its causes says that something waited too long. */
    static boolean isTimeout(Throwable throwable) {
        for (Throwable t = throwable; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
            String message = t.getMessage();
            if (message != null) {
                String lower = message.toLowerCase(Locale.ROOT);
                if (lower.contains("timeout") || lower.contains("timed out")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void dumpIfTimeout(ExtensionContext context, Throwable throwable) {
        if (!isTimeout(throwable)) {
            return;
        }
        String name = context.getRequiredTestClass().getSimpleName()
                + context.getTestMethod().map(m -> "." + m.getName()).orElse("")
                + "-" + Instant.now().toString().replace(':', '-');
        try {
            Files.createDirectories(DIRECTORY);
            Path file = DIRECTORY.resolve(name + ".txt");
            Files.writeString(file, report(throwable), StandardCharsets.UTF_8);
            System.err.println("[ThreadDumpOnTimeout] " + name + " waited too long: threads and database sessions in "
                    + file.toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            // the dump is evidence, never a second failure
            System.err.println("[ThreadDumpOnTimeout] could not write the dump: " + e);
        }
    }

    static String report(Throwable throwable) {
        StringBuilder out = new StringBuilder();
        out.append("Failure: ").append(throwable).append("\n\n");
        out.append(threads());
        out.append("\n").append(databaseSessions());
        return out.toString();
    }

    /** Every thread with its whole stack (ThreadInfo.toString stops at 8 frames) and its locks. */
    static String threads() {
        StringBuilder out =
                new StringBuilder("=== threads at ").append(Instant.now()).append('\n');
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            out.append('"')
                    .append(info.getThreadName())
                    .append("\" id=")
                    .append(info.getThreadId())
                    .append(' ')
                    .append(info.getThreadState());
            if (info.getLockName() != null) {
                out.append(" on ").append(info.getLockName());
            }
            if (info.getLockOwnerName() != null) {
                out.append(" owned by \"").append(info.getLockOwnerName()).append('"');
            }
            out.append('\n');
            StackTraceElement[] stack = info.getStackTrace();
            for (int i = 0; i < stack.length; i++) {
                out.append("\tat ").append(stack[i]).append('\n');
                for (MonitorInfo monitor : info.getLockedMonitors()) {
                    if (monitor.getLockedStackDepth() == i) {
                        out.append("\t- locked ").append(monitor).append('\n');
                    }
                }
            }
            for (LockInfo lock : info.getLockedSynchronizers()) {
                out.append("\t- holds ").append(lock).append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The test PostgreSQL's sessions: database, role, state, what each waits on and runs. */
    static String databaseSessions() {
        StringBuilder out = new StringBuilder("=== pg_stat_activity\n");
        try {
            EmbeddedDatabase server = EmbeddedDatabase.forTests();
            try (Connection connection =
                            DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), server.password());
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select pid, datname, usename, application_name, state,"
                            + " wait_event_type, wait_event, now() - xact_start as in_transaction,"
                            + " now() - state_change as in_state, left(query, 300) as query,"
                            + " (select setting from pg_settings where name = 'max_connections') as max_connections"
                            + " from pg_stat_activity order by datname, state")) {
                ResultSetMetaData meta = rows.getMetaData();
                while (rows.next()) {
                    for (int column = 1; column <= meta.getColumnCount(); column++) {
                        out.append(column == 1 ? "" : " | ")
                                .append(meta.getColumnLabel(column))
                                .append('=')
                                .append(rows.getString(column));
                    }
                    out.append('\n');
                }
            }
        } catch (SQLException | RuntimeException e) {
            out.append("(not available: ").append(e).append(")\n");
        }
        return out.toString();
    }
}
