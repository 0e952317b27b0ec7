package org.orderplatform.codecs;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orderplatform.events.OrderEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

@DisplayName("the contract comparison")
class ContractShapesTest {

  private static final Predicate<EventType> NO_UPCASTERS = type -> false;
  private static final Predicate<EventType> ALL_UPCAST = type -> true;

  private static final ContractShapes.TypeShape PAID = shape("payment.paid", 1,
      "orderId", "string", "amount", "object", "amount.minor", "integer", "amount.currency", "string",
      "lines", "array", "lines[].sku", "string");
  private static final ContractShapes.TypeShape SHIPPED = shape("delivery.shipped", 1, "orderId", "string");

  private static ContractShapes.TypeShape shape(String name, int version, String... pathsAndTypes) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndTypes.length; i += 2) {
      fields.put(pathsAndTypes[i], pathsAndTypes[i + 1]);
    }
    return new ContractShapes.TypeShape(name, version, fields);
  }

  private static ContractShapes.TypeShape with(ContractShapes.TypeShape base, int version, String path, String type) {
    Map<String, String> fields = new LinkedHashMap<>(base.fields());
    if (type == null) {
      fields.remove(path);
    } else {
      fields.put(path, type);
    }
    return new ContractShapes.TypeShape(base.name(), version, fields);
  }

  private static ContractShapes.TypeShape renamed(ContractShapes.TypeShape base, String from, String to) {
    Map<String, String> fields = new LinkedHashMap<>();
    base.fields().forEach((path, type) -> fields.put(path.equals(from) ? to : path, type));
    return new ContractShapes.TypeShape(base.name(), base.version(), fields);
  }

  private static List<String> violations(List<ContractShapes.TypeShape> published,
                                         List<ContractShapes.TypeShape> current, Predicate<EventType> upcastable) {
    return ContractShapes.compare(published, current, upcastable).violations();
  }

  @Test
  @DisplayName("an unchanged contract has no violations and no additions")
  void unchangedIsCompatible() {
    ContractShapes.Comparison comparison = ContractShapes.compare(List.of(PAID, SHIPPED), List.of(PAID, SHIPPED),
        NO_UPCASTERS);

    assertThat(comparison.violations()).isEmpty();
    assertThat(comparison.additions()).isEmpty();
  }

  @Test
  @DisplayName("a removed field at the same version is a violation naming the field")
  void removedFieldIsAViolation() {
    assertThat(violations(List.of(PAID), List.of(with(PAID, 1, "amount.currency", null)), ALL_UPCAST))
        .containsExactly("payment.paid v1: field 'amount.currency' (string) was removed or renamed");
  }

  @Test
  @DisplayName("a renamed field at the same version is a violation naming the old name")
  void renamedFieldIsAViolation() {
    assertThat(violations(List.of(PAID), List.of(renamed(PAID, "lines[].sku", "lines[].productCode")), ALL_UPCAST))
        .containsExactly("payment.paid v1: field 'lines[].sku' (string) was removed or renamed");
  }

  @Test
  @DisplayName("a retyped field at the same version is a violation naming both types")
  void retypedFieldIsAViolation() {
    assertThat(violations(List.of(PAID), List.of(with(PAID, 1, "amount", "number")), ALL_UPCAST))
        .containsExactly("payment.paid v1: field 'amount' changed type from object to number");
  }

  @Test
  @DisplayName("several breaking changes are all listed")
  void everyViolationIsListed() {
    ContractShapes.TypeShape broken = with(with(PAID, 1, "orderId", "integer"), 1, "lines", null);

    assertThat(violations(List.of(PAID, SHIPPED), List.of(broken), ALL_UPCAST)).containsExactlyInAnyOrder(
        "payment.paid v1: field 'orderId' changed type from string to integer",
        "payment.paid v1: field 'lines' (array) was removed or renamed",
        "delivery.shipped v1: the type disappeared");
  }

  @Test
  @DisplayName("a type that disappears is a violation")
  void disappearedTypeIsAViolation() {
    assertThat(violations(List.of(PAID, SHIPPED), List.of(PAID), ALL_UPCAST))
        .containsExactly("delivery.shipped v1: the type disappeared");
  }

  @Test
  @DisplayName("added fields and added types are allowed and reported as additions")
  void additionsAreCompatible() {
    ContractShapes.TypeShape extended = with(with(PAID, 1, "note", "string"), 1, "lines[].quantity", "integer");

    ContractShapes.Comparison comparison =
        ContractShapes.compare(List.of(PAID), List.of(extended, SHIPPED), NO_UPCASTERS);

    assertThat(comparison.violations()).isEmpty();
    assertThat(comparison.additions()).containsExactly(
        "payment.paid v1: new field 'note'",
        "payment.paid v1: new field 'lines[].quantity'",
        "delivery.shipped v1: new type");
  }

  @Test
  @DisplayName("a version bump with an upcaster chain may change fields freely")
  void versionBumpWithUpcasterIsCompatible() {
    ContractShapes.TypeShape v2 = with(with(PAID, 2, "amount", "number"), 2, "lines", null);

    assertThat(violations(List.of(PAID), List.of(v2), type -> type.equals(new EventType("payment.paid", 1))))
        .isEmpty();
  }

  @Test
  @DisplayName("a version bump without an upcaster chain from the published version is a violation")
  void versionBumpWithoutUpcasterIsAViolation() {
    assertThat(violations(List.of(PAID), List.of(with(PAID, 2, "note", "string")), NO_UPCASTERS))
        .containsExactly("payment.paid v1: the version went up to 2 without an upcaster chain from v1");
  }

  @Test
  @DisplayName("a version that goes back is a violation")
  void versionGoingBackIsAViolation() {
    assertThat(violations(List.of(with(PAID, 3, "note", "string")), List.of(PAID), ALL_UPCAST))
        .containsExactly("payment.paid v3: the version went back to 1");
  }

  @Test
  @DisplayName("shapes are read from records, recursing into nested records and list elements")
  void shapeIsDerivedFromRecordComponents() {
    ContractShapes.TypeShape shape =
        ContractShapes.shapeOf(new EventType("order.placed", 3), OrderEvent.OrderPlaced.class);

    assertThat(shape.fields()).containsExactly(
        entry("orderId", "string"),
        entry("customerId", "string"),
        entry("lines", "array"),
        entry("lines[]", "object"),
        entry("lines[].sku", "string"),
        entry("lines[].quantity", "integer"),
        entry("lines[].unitPrice", "object"),
        entry("lines[].unitPrice.minor", "integer"),
        entry("lines[].unitPrice.currency", "string"),
        entry("total", "object"),
        entry("total.minor", "integer"),
        entry("total.currency", "string"),
        entry("shippingAddress", "object"),
        entry("shippingAddress.line1", "string"),
        entry("shippingAddress.line2", "string"),
        entry("shippingAddress.postalCode", "string"),
        entry("shippingAddress.city", "string"),
        entry("shippingAddress.country", "string"),
        entry("paymentToken", "string"));
  }

  @Test
  @DisplayName("the real contract checked against itself with one field dropped fails")
  void realContractWithADroppedFieldFails() {
    List<ContractShapes.TypeShape> published = ContractShapes.current();
    List<ContractShapes.TypeShape> current = new ArrayList<>(published);
    current.set(0, with(published.get(0), published.get(0).version(), "total.currency", null));

    assertThat(violations(published, current, ALL_UPCAST))
        .containsExactly("order.placed v3: field 'total.currency' (string) was removed or renamed");
  }

  @Test
  @DisplayName("shapes survive writing to and reading from the snapshot JSON")
  void shapesRoundTripThroughJson() {
    List<ContractShapes.TypeShape> shapes = ContractShapes.current();

    assertThat(ContractShapes.fromJson(ContractShapes.toJson(shapes))).isEqualTo(shapes);
  }
}
