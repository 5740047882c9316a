package org.sanad.replicas;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Debian's Caddy in front of the replicas, as the replicas' compose profile runs it: HTTPS with a certificate of its
 * own authority ({@code tls internal}: a public name gets Let's Encrypt's instead), round robin, a backend that refuses
 * connections skipped. {@link #available()} is false when {@code caddy} is not installed ({@code .ci/run} installs it).
 */
final class CaddyProxy implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final int port;

    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/caddy"));
    }

    CaddyProxy(List<URI> backends) throws IOException, InterruptedException {
        this.dir = Files.createTempDirectory("sanad-caddy");
        this.port = freePort();
        StringBuilder upstreams = new StringBuilder();
        backends.forEach(backend -> upstreams.append(' ').append(backend.getHost()).append(':').append(backend.getPort()));
        String caddyfile = """
                {
                	admin off
                	skip_install_trust
                	storage file_system %s
                	auto_https disable_redirects
                	http_port %d
                	https_port %d
                }
                https://127.0.0.1:%d {
                	tls internal
                	reverse_proxy%s {
                		lb_policy round_robin
                		lb_try_duration 5s
                		fail_duration 5s
                	}
                }
                """.formatted(dir.resolve("storage"), freePort(), port, port, upstreams);
        Files.writeString(dir.resolve("Caddyfile"), caddyfile, StandardCharsets.UTF_8);
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/caddy", "run", "--config", dir.resolve("Caddyfile")
                .toString(), "--adapter", "caddyfile")
                .redirectErrorStream(true).redirectOutput(Path.of("target", "caddy.log").toFile());
        builder.environment().put("HOME", dir.toString());
        builder.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        builder.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        this.process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!listening(port) || !Files.exists(rootCertificate())) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("Caddy did not start: see target/caddy.log");
            }
            Thread.sleep(100);
        }
    }

    String url() {
        return "https://127.0.0.1:" + port;
    }

    /** Trusts Caddy's own certificate authority, as Telegram trusts a public one. */
    SSLContext trust() {
        try (InputStream in = Files.newInputStream(rootCertificate())) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("caddy", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read Caddy's certificate authority", e);
        }
    }

    private Path rootCertificate() {
        return dir.resolve("storage").resolve("pki/authorities/local/root.crt");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
