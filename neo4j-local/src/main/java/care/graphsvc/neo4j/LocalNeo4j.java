package care.graphsvc.neo4j;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j 5 Community in this process with only the Bolt connector, on
 * 127.0.0.1, without authentication: a database for one machine's tests and
 * trials, never for production.
 *
 * NEO4J_PORT (default 7687) and NEO4J_DATA (default .neo4j/data) choose where
 * it listens and keeps its files. NEO4J_PASSWORD, when set, turns
 * authentication on with that password for the user neo4j (to try the service
 * as it runs against a production database). Prints one line when Bolt
 * accepts connections; SIGINT or SIGTERM shut the database down cleanly.
 */
public final class LocalNeo4j {
    private static final String HOST = "127.0.0.1";

    private LocalNeo4j() {}

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(env("NEO4J_PORT", "7687"));
        Path data = Path.of(env("NEO4J_DATA", ".neo4j/data")).toAbsolutePath();
        long pageCache = ByteUnit.parse(env("NEO4J_PAGECACHE", "512m"));
        String password = env("NEO4J_PASSWORD", "");

        DatabaseManagementService service = new DatabaseManagementServiceBuilder(data)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, !password.isEmpty())
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.shutdown();
            System.out.println("Neo4j stopped");
            System.out.flush();
            stopped.countDown();
            // A stop asked for by a signal is a clean end, not a failure.
            Runtime.getRuntime().halt(0);
        }, "neo4j-shutdown"));

        if (!service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME)
                .isAvailable(TimeUnit.MINUTES.toMillis(5))) {
            System.err.println("Neo4j did not become available within 5 minutes");
            System.exit(1);
        }
        if (!password.isEmpty()) {
            try {
                service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                        "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                        Map.of("password", password));
            } catch (RuntimeException refused) {
                System.err.println("NEO4J_PASSWORD refused: " + refused.getMessage());
                System.exit(1);
            }
        }
        awaitBolt(port, Duration.ofMinutes(1));
        System.out.println("Neo4j ready at bolt://" + HOST + ":" + port);
        System.out.flush();
        stopped.await();
    }

    private static void awaitBolt(int port, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 1000);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    System.err.println("Bolt did not open on port " + port + ": " + notYet);
                    System.exit(1);
                }
                Thread.sleep(100);
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
