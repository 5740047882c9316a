package org.sanad;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A bit flipped in a segment file of DATA_DIR/index/passages (a bad disk, a torn copy) is found at start-up by Lucene's
 * checksums before the index is reused: Sanad rebuilds it, says so in the log, reports UP and answers.
 */
@ExtendWith(OutputCaptureExtension.class)
class DamagedIndexStartupTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aFlippedBitInTheIndexIsFoundAtStartUpAndTheIndexRebuilt(CapturedOutput output) throws Exception {
        Path knowledge = Files.createTempDirectory("sanad-damaged-knowledge");
        Files.copy(Path.of("knowledge/botox-for-children-with-microcephaly.md"),
                knowledge.resolve("botox-for-children-with-microcephaly.md"));
        Path data = Files.createTempDirectory("sanad-damaged-data");
        String[] settings = {"--server.port=0", "--sanad.knowledge.dir=" + knowledge,
                "--sanad.knowledge.index-dir=" + data.resolve("index"),
                "--spring.datasource.url=jdbc:h2:mem:damaged-index;DB_CLOSE_DELAY=-1"};

        try (ConfigurableApplicationContext first = start(settings)) {
            assertThat(answered(first)).isTrue();
        }
        Path segment = largestSegmentFile(data.resolve("index").resolve("passages"));
        byte flipped = flipABit(segment);
        int logBefore = output.getAll().length();

        try (ConfigurableApplicationContext second = start(settings)) {
            String log = output.getAll().substring(logBefore);
            assertThat(log).contains("The index on disk is damaged").contains("index built");
            assertThat(health(second)).contains("\"status\":\"UP\"");
            assertThat(answered(second)).isTrue();
            assertThat(!Files.exists(segment) || readByte(segment) != flipped).as("the damaged file is gone").isTrue();
        }
    }

    private static ConfigurableApplicationContext start(String[] settings) {
        return new SpringApplicationBuilder(SanadApplication.class).run(settings);
    }

    private boolean answered(ConfigurableApplicationContext context) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url(context, "/api/ask"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"متى يبدأ مفعول البوتوكس؟\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 && response.body().contains("\"answered\":true");
    }

    private String health(ConfigurableApplicationContext context) throws Exception {
        return http.send(HttpRequest.newBuilder(url(context, "/actuator/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static URI url(ConfigurableApplicationContext context, String path) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The biggest file of the index that is not the commit point: the passages' stored text, postings, … */
    private static Path largestSegmentFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> !file.getFileName().toString().startsWith("segments")
                            && !file.getFileName().toString().equals("write.lock"))
                    .max(Comparator.comparingLong(DamagedIndexStartupTest::size)).orElseThrow();
        }
    }

    /** Flips one bit in the middle of the file; returns the byte as it now is. */
    private static byte flipABit(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long middle = raf.length() / 2;
            raf.seek(middle);
            byte changed = (byte) (raf.readByte() ^ 0x10);
            raf.seek(middle);
            raf.writeByte(changed);
            return changed;
        }
    }

    private static byte readByte(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(raf.length() / 2);
            return raf.readByte();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
