package org.sanad;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rooms and the one way their arrows run: adapters ({@code telegram}, {@code web}), {@code alert} (hears the
 * pipeline's danger reports) and {@code handoff} (talking to the clinic's staff) → {@code ask} and {@code staff} →
 * {@code checkin}, {@code knowledge}, {@code safety}, {@code broadcast} → {@code outbox} (everything sent on Sanad's
 * own) → {@code text}, {@code audit} and
 * {@code storage} (the database as replicas share it). A room may
 * use any room of a lower layer, none of its own layer and none above; inside {@code knowledge}, search → index →
 * ingest. Checked on the compiled classes with ArchUnit.
 */
class ArchitectureTest {

    private static final JavaClasses SANAD = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.sanad");

    private static final List<String> ROOMS = List.of("telegram", "web", "alert", "handoff", "ask", "staff", "checkin",
            "knowledge", "safety", "broadcast", "outbox", "text", "audit", "storage");

    @Test
    void everyClassLivesInARoom() {
        assertThat(SANAD.stream().map(c -> c.getPackageName()))
                .allSatisfy(name -> assertThat(name.equals("org.sanad")
                        || ROOMS.stream().anyMatch(room -> name.equals("org.sanad." + room)
                                || name.startsWith("org.sanad." + room + ".")))
                        .as("the room of " + name).isTrue());
    }

    @Test
    void arrowsRunOneWayDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("telegram").definedBy("org.sanad.telegram..")
                .layer("web").definedBy("org.sanad.web..")
                .layer("alert").definedBy("org.sanad.alert..")
                .layer("handoff").definedBy("org.sanad.handoff..")
                .layer("ask").definedBy("org.sanad.ask..")
                .layer("staff").definedBy("org.sanad.staff..")
                .layer("checkin").definedBy("org.sanad.checkin..")
                .layer("knowledge").definedBy("org.sanad.knowledge..")
                .layer("safety").definedBy("org.sanad.safety..")
                .layer("broadcast").definedBy("org.sanad.broadcast..")
                .layer("outbox").definedBy("org.sanad.outbox..")
                .layer("text").definedBy("org.sanad.text..")
                .layer("audit").definedBy("org.sanad.audit..")
                .layer("storage").definedBy("org.sanad.storage..")
                .whereLayer("telegram").mayNotBeAccessedByAnyLayer()
                .whereLayer("web").mayNotBeAccessedByAnyLayer()
                .whereLayer("alert").mayNotBeAccessedByAnyLayer()
                .whereLayer("handoff").mayOnlyBeAccessedByLayers("telegram", "web")
                .whereLayer("ask").mayOnlyBeAccessedByLayers("telegram", "web", "alert", "handoff")
                .whereLayer("staff").mayOnlyBeAccessedByLayers("telegram", "web", "alert", "handoff")
                .whereLayer("checkin").mayOnlyBeAccessedByLayers("telegram", "web", "alert", "handoff", "ask", "staff")
                .whereLayer("knowledge").mayOnlyBeAccessedByLayers("telegram", "web", "alert", "handoff", "ask", "staff")
                .whereLayer("safety").mayOnlyBeAccessedByLayers("telegram", "web", "alert", "handoff", "ask", "staff")
                .whereLayer("broadcast").mayOnlyBeAccessedByLayers("telegram", "web", "alert", "handoff", "ask", "staff")
                .whereLayer("outbox").mayOnlyBeAccessedByLayers("telegram", "web", "alert", "handoff", "ask", "staff",
                        "checkin", "knowledge", "safety", "broadcast")
                .whereLayer("text").mayOnlyBeAccessedByLayers("telegram", "web", "alert", "handoff", "ask", "staff",
                        "checkin", "knowledge", "safety", "broadcast", "outbox")
                .whereLayer("audit").mayOnlyBeAccessedByLayers("telegram", "web", "alert", "handoff", "ask", "staff",
                        "checkin", "knowledge", "safety", "broadcast", "outbox")
                .whereLayer("storage").mayOnlyBeAccessedByLayers("telegram", "web", "alert", "handoff", "ask", "staff",
                        "checkin", "knowledge", "safety", "broadcast", "outbox")
                .check(SANAD);
    }

    @Test
    void knowledgeIsReadInOneDirection() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("wiring").definedBy("org.sanad.knowledge")
                .layer("search").definedBy("org.sanad.knowledge.search..")
                .layer("index").definedBy("org.sanad.knowledge.index..")
                .layer("ingest").definedBy("org.sanad.knowledge.ingest..")
                .whereLayer("wiring").mayNotBeAccessedByAnyLayer()
                .whereLayer("search").mayOnlyBeAccessedByLayers("wiring")
                .whereLayer("index").mayOnlyBeAccessedByLayers("wiring", "search")
                .check(SANAD);
    }

    @Test
    void roomsHaveNoCycles() {
        slices().matching("org.sanad.(**)").should().beFreeOfCycles().check(SANAD);
    }
}
