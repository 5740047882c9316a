package org.sanad.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One row of an evaluation file, in the format of {@code ../shared/eval/README.md}. */
public record EvalRow(String id, String kind, String text, String dialect, List<String> expectAny,
        boolean emergencyEither, boolean hard, boolean uncovered) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static List<EvalRow> load(String resource) {
        try (InputStream in = EvalRow.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return parse(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows from JSON lines; blank lines are skipped. */
    public static List<EvalRow> parse(List<String> lines) {
        List<EvalRow> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
                List<String> expect = new ArrayList<>();
                if (node.has("expect_any")) {
                    node.get("expect_any").forEach(n -> expect.add(n.asString()));
                }
                rows.add(new EvalRow(node.get("id").asString(), node.get("kind").asString(), node.get("text").asString(),
                        node.has("dialect") ? node.get("dialect").asString() : "",
                        expect, node.has("emergency") && "either".equals(node.get("emergency").asString()),
                        node.has("hard") && node.get("hard").asBoolean(),
                        node.has("uncovered") && node.get("uncovered").asBoolean()));
        }
        return rows;
    }
}
