package org.orderplatform.launcher;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** The launcher sees every module, so the layering rules for all of them live here. */
class LayeringTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importEverything() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.orderplatform");
  }

  @Test
  @DisplayName("the rules look at the domain packages of every service")
  void domainPackagesArePresent() {
    assertThat(classes.stream().filter(c -> c.getPackageName().contains(".domain")).map(c -> c.getPackageName()))
        .contains("org.orderplatform.order.domain", "org.orderplatform.inventory.domain",
            "org.orderplatform.payment.domain", "org.orderplatform.payment.simulator.domain",
            "org.orderplatform.delivery.domain", "org.orderplatform.notification.domain");
  }

  @Test
  @DisplayName("no class in a domain package depends on Vert.x")
  void domainIsPlainJava() {
    noClasses().that().resideInAPackage("..domain..")
        .should().dependOnClassesThat().resideInAPackage("io.vertx..")
        .check(classes);
  }

  @Test
  @DisplayName("the event contract depends on neither Vert.x nor any service")
  void eventsArePlainRecords() {
    noClasses().that().resideInAPackage("org.orderplatform.events..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "org.orderplatform.order..",
            "org.orderplatform.inventory..", "org.orderplatform.payment..", "org.orderplatform.delivery..",
            "org.orderplatform.messaging..", "org.orderplatform.notification..")
        .check(classes);
  }

  @Test
  @DisplayName("services talk only through events: no service imports another")
  void servicesAreIndependent() {
    noClasses().that().resideInAPackage("org.orderplatform.order..")
        .should().dependOnClassesThat().resideInAPackage("org.orderplatform.inventory..")
        .check(classes);
    noClasses().that().resideInAPackage("org.orderplatform.inventory..")
        .should().dependOnClassesThat().resideInAPackage("org.orderplatform.order..")
        .check(classes);
    noClasses().that().resideInAnyPackage("org.orderplatform.order..", "org.orderplatform.inventory..")
        .should().dependOnClassesThat().resideInAPackage("org.orderplatform.payment..")
        .check(classes);
    noClasses().that().resideInAPackage("org.orderplatform.payment..")
        .should().dependOnClassesThat().resideInAnyPackage("org.orderplatform.order..", "org.orderplatform.inventory..")
        .check(classes);
    noClasses().that().resideInAnyPackage("org.orderplatform.order..", "org.orderplatform.inventory..",
            "org.orderplatform.payment..")
        .should().dependOnClassesThat().resideInAPackage("org.orderplatform.delivery..")
        .check(classes);
    noClasses().that().resideInAPackage("org.orderplatform.delivery..")
        .should().dependOnClassesThat().resideInAnyPackage("org.orderplatform.order..", "org.orderplatform.inventory..",
            "org.orderplatform.payment..")
        .check(classes);
    noClasses().that().resideInAPackage("org.orderplatform.notification..")
        .should().dependOnClassesThat().resideInAnyPackage("org.orderplatform.order..", "org.orderplatform.inventory..",
            "org.orderplatform.payment..", "org.orderplatform.delivery..")
        .check(classes);
    noClasses().that().resideInAnyPackage("org.orderplatform.order..", "org.orderplatform.inventory..",
            "org.orderplatform.payment..", "org.orderplatform.delivery..")
        .should().dependOnClassesThat().resideInAPackage("org.orderplatform.notification..")
        .check(classes);
  }

  @Test
  @DisplayName("the payment service reaches its provider over HTTP only, never the simulator's classes")
  void paymentDoesNotUseTheSimulator() {
    noClasses().that().resideInAPackage("org.orderplatform.payment..")
        .and().resideOutsideOfPackage("org.orderplatform.payment.simulator..")
        .should().dependOnClassesThat().resideInAPackage("org.orderplatform.payment.simulator..")
        .check(classes);
  }
}
