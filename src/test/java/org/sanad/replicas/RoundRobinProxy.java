package org.sanad.replicas;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small round-robin HTTP proxy for when neither Caddy nor nginx is installed: each request goes to the next backend;
 * one that refuses the connection is skipped for the next, as a real proxy's passive health check does.
 */
final class RoundRobinProxy implements AutoCloseable {

    private static final java.util.Set<String> HOP_BY_HOP = java.util.Set.of("connection", "content-length", "host",
            "transfer-encoding", "keep-alive", "upgrade", "expect");

    private final HttpServer server;
    private final List<URI> backends;
    private final AtomicInteger next = new AtomicInteger();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();

    RoundRobinProxy(List<URI> backends) throws IOException {
        this.backends = backends;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "round-robin-proxy");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::forward);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            int first = Math.floorMod(next.getAndIncrement(), backends.size());
            for (int tried = 0; tried < backends.size(); tried++) {
                URI backend = backends.get((first + tried) % backends.size());
                HttpRequest.Builder request = HttpRequest.newBuilder(backend.resolve(exchange.getRequestURI()
                        .toString())).timeout(Duration.ofSeconds(30))
                        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                        values.forEach(value -> request.header(name, value));
                    }
                });
                HttpResponse<byte[]> response;
                try {
                    response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                } catch (java.net.ConnectException e) {
                    continue; // nothing was sent: the next backend gets it
                } catch (IOException e) {
                    break; // sent, and lost on the way: like nginx, do not send a POST twice
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                response.headers().map().forEach((name, values) -> {
                    if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                        exchange.getResponseHeaders().put(name, values);
                    }
                });
                exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1
                        : response.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
                return;
            }
            exchange.sendResponseHeaders(502, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
