package org.kmgraph.neo4jlocal;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.io.locker.FileLockException;

/**
 * Runs Neo4j Community embedded, with only the Bolt connector, on 127.0.0.1, for
 * local development and tests. A parent process (the Node module
 * src/db/local-neo4j.ts) starts it and talks to it with neo4j-driver.
 *
 * <p>Protocol with the parent, one line each:
 * <ul>
 *   <li>stdout {@code KMGRAPH_NEO4J_READY bolt://127.0.0.1:PORT} once the database
 *       is available and Bolt accepts connections;</li>
 *   <li>stderr {@code KMGRAPH_NEO4J_ERROR <plain words>} and a non-zero exit when
 *       it cannot start; the words begin with {@code PORT_IN_USE: } or
 *       {@code STORE_LOCKED: } when that is the cause, so that the parent can act
 *       on it (say, use the Neo4j that holds the store) and give advice in its own
 *       terms (its own settings, not this program's arguments);</li>
 *   <li>stdout {@code KMGRAPH_NEO4J_STOPPED} after a clean shutdown.</li>
 * </ul>
 * It stops cleanly on SIGTERM/SIGINT, and also when its standard input reaches
 * end-of-file, so that it dies with its parent even if the parent is SIGKILLed
 * (the kernel closes the pipe then). {@code --ignore-stdin} turns that off for
 * running it by hand in the background.
 */
public final class LocalNeo4j {

    static final String READY = "KMGRAPH_NEO4J_READY";
    static final String ERROR = "KMGRAPH_NEO4J_ERROR";
    static final String STOPPED = "KMGRAPH_NEO4J_STOPPED";

    /** Exit code for a usage error, as opposed to 1 for a failed start. */
    private static final int EXIT_USAGE = 2;

    /**
     * Guards {@link #service}: the shutdown hook takes it too, so a SIGTERM that
     * arrives while the database is still starting waits for the start to end
     * and then shuts down properly, instead of halting mid-start.
     */
    private static final Object LOCK = new Object();

    private static DatabaseManagementService service;
    private static boolean stopped;

    private LocalNeo4j() {}

    /** Parsed command line. */
    record Options(int port, Path dataDir, long pageCacheBytes, Duration txTimeout, boolean ignoreStdin) {}

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            fail(EXIT_USAGE, e.getMessage()
                    + " (usage: --data-dir PATH [--port 7687] [--pagecache 256m] [--tx-timeout 120] [--ignore-stdin])");
            return;
        }

        Runtime.getRuntime().addShutdownHook(new Thread(LocalNeo4j::stop, "kmgraph-neo4j-shutdown"));

        try {
            Files.createDirectories(options.dataDir());
        } catch (IOException e) {
            fail(1, "cannot create the data directory " + options.dataDir() + ": " + e);
            return;
        }

        String failure = null;
        synchronized (LOCK) {
            try {
                service = builder(options).build();
                GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
                // build() returns once the DBMS lifecycle (Bolt included) has started;
                // the default database may still be recovering or starting, so wait.
                if (!db.isAvailable(Duration.ofMinutes(5).toMillis())) {
                    throw new IllegalStateException("the database '" + GraphDatabaseSettings.DEFAULT_DATABASE_NAME
                            + "' did not become available (see " + options.dataDir().resolve("logs/debug.log") + ")");
                }
            } catch (Throwable t) {
                // The store lock and the half-started components must be released
                // before we exit, or the next attempt would find the store locked.
                shutdownQuietly();
                stopped = true; // nothing left for the shutdown hook to do or report
                failure = explain(t, options);
            }
        }
        if (failure != null) {
            // Outside the lock: System.exit runs the shutdown hook, which takes it.
            fail(1, failure);
            return;
        }

        System.out.println(READY + " bolt://127.0.0.1:" + options.port());
        System.out.flush();

        if (!options.ignoreStdin()) {
            watchStdin();
        }
        // main returns here; Neo4j's own non-daemon threads keep the JVM alive
        // until System.exit (stdin EOF) or a signal runs the shutdown hook.
    }

    private static DatabaseManagementServiceBuilder builder(Options o) {
        Path logs = o.dataDir().resolve("logs");
        return new DatabaseManagementServiceBuilder(o.dataDir())
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", o.port()))
                // Auth off is acceptable only because Bolt listens on loopback alone.
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, o.pageCacheBytes())
                .setConfig(GraphDatabaseSettings.transaction_timeout, o.txTimeout())
                // A dev/test database has no business phoning home.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Bolt's network threads otherwise wait a 5 s "quiet period" on
                // shutdown; a local database has nobody to be quiet for.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                // Neo4j's debug log goes to DATA_DIR/logs/debug.log; stdout stays
                // free for the one-line protocol above.
                .setConfig(GraphDatabaseSettings.logs_directory, logs);
        // Embedded Neo4j has no user log (neo4j.log) unless one is given with
        // setUserLogProvider, so it prints nothing to stdout by itself.
    }

    /** Exits the JVM (running the shutdown hook) when stdin is closed. */
    private static void watchStdin() {
        Thread watcher = new Thread(() -> {
            byte[] buffer = new byte[256];
            try (InputStream in = System.in) {
                while (in.read(buffer) >= 0) {
                    // Input carries no meaning; only its end does.
                }
            } catch (IOException e) {
                // A broken pipe means the parent is gone, just like EOF.
            }
            System.exit(0);
        }, "kmgraph-neo4j-stdin-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Shutdown hook body: stop the DBMS once, then say so. */
    private static void stop() {
        synchronized (LOCK) {
            if (stopped) {
                return;
            }
            stopped = true;
            if (service == null) {
                return; // stopped before anything started
            }
            shutdownQuietly();
        }
        System.out.println(STOPPED);
        System.out.flush();
    }

    private static void shutdownQuietly() {
        if (service == null) {
            return;
        }
        try {
            service.shutdown();
        } catch (Throwable t) {
            System.err.println("kmgraph-neo4j: error during shutdown: " + t);
        } finally {
            service = null;
        }
    }

    private static void fail(int code, String message) {
        // One line, so the parent can quote it as is.
        System.err.println(ERROR + " " + message.replaceAll("\\s*[\\r\\n]+\\s*", " "));
        System.err.flush();
        System.exit(code);
    }

    /**
     * Turns a startup exception into a sentence that says what went wrong. The
     * advice is the parent's to give: a kmgraph user sets KMGRAPH_NEO4J_PORT, not
     * this program's --port.
     */
    static String explain(Throwable t, Options o) {
        List<Throwable> chain = causes(t);
        for (Throwable c : chain) {
            String m = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
            if (c instanceof BindException || m.contains("address already in use")) {
                return "PORT_IN_USE: port " + o.port() + " on 127.0.0.1 is already in use by another program "
                        + "(another Neo4j?)";
            }
        }
        for (Throwable c : chain) {
            if (c instanceof FileLockException) {
                return "STORE_LOCKED: the store in " + o.dataDir() + " is locked by another Neo4j process";
            }
        }
        Throwable root = chain.get(chain.size() - 1);
        String detail = root.getMessage() == null ? root.getClass().getName() : root.getMessage();
        return "Neo4j failed to start with data dir " + o.dataDir() + ": " + detail
                + " (details in " + o.dataDir().resolve("logs/debug.log") + ")";
    }

    private static List<Throwable> causes(Throwable t) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            chain.add(c);
            for (Throwable s : c.getSuppressed()) {
                if (seen.add(s)) {
                    chain.add(s);
                }
            }
        }
        return chain;
    }

    static Options parse(String[] args) {
        int port = 7687;
        Path dataDir = null;
        long pageCache = ByteUnit.parse("256m");
        Duration txTimeout = Duration.ofSeconds(120);
        boolean ignoreStdin = false;

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--ignore-stdin" -> ignoreStdin = true;
                case "--port", "--data-dir", "--pagecache", "--tx-timeout" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    String value = args[++i];
                    switch (arg) {
                        case "--port" -> port = parseInt(arg, value, 1, 65535);
                        case "--data-dir" -> dataDir = Path.of(value).toAbsolutePath().normalize();
                        case "--pagecache" -> pageCache = parseBytes(arg, value);
                        default -> txTimeout = Duration.ofSeconds(parseInt(arg, value, 1, Integer.MAX_VALUE));
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("--data-dir is required");
        }
        return new Options(port, dataDir, pageCache, txTimeout, ignoreStdin);
    }

    private static int parseInt(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max
                    + ", got '" + value + "'");
        }
    }

    private static long parseBytes(String name, String value) {
        try {
            return ByteUnit.parse(value.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be a size such as 256m or 1g, got '" + value + "'");
        }
    }
}
