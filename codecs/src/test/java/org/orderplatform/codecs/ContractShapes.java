package org.orderplatform.codecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.orderplatform.events.Message;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The published shape of each message type (every JSON field path with its JSON type), derived from
 * the record components, and the rule that decides whether a new shape may replace a published one.
 * Paths read {@code total.minor} for a nested record and {@code lines[].sku} for list elements.
 */
final class ContractShapes {

  /** One type's shape: field path to JSON type, in declaration order. */
  record TypeShape(String name, int version, Map<String, String> fields) {
    TypeShape {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    EventType type() {
      return new EventType(name, version);
    }
  }

  /** Breaking differences fail the build; additions only mean the snapshot could be refreshed. */
  record Comparison(List<String> violations, List<String> additions) {
  }

  private ContractShapes() {
  }

  /** The shapes of every registered type at its current version, in registration order. */
  static List<TypeShape> current() {
    List<TypeShape> shapes = new ArrayList<>();
    EventTypes.current().forEach((type, eventType) -> shapes.add(shapeOf(eventType, type)));
    return shapes;
  }

  static TypeShape shapeOf(EventType eventType, Class<? extends Message> type) {
    Map<String, String> fields = new LinkedHashMap<>();
    addComponents("", type, fields);
    return new TypeShape(eventType.name(), eventType.version(), fields);
  }

  private static void addComponents(String prefix, Class<?> record, Map<String, String> fields) {
    for (RecordComponent component : record.getRecordComponents()) {
      addField(prefix + component.getName(), component.getGenericType(), fields);
    }
  }

  private static void addField(String path, Type type, Map<String, String> fields) {
    Class<?> raw = rawClass(type);
    String jsonType = jsonType(raw, path);
    fields.put(path, jsonType);
    if (raw.isRecord()) {
      addComponents(path + ".", raw, fields);
    } else if (Collection.class.isAssignableFrom(raw)) {
      if (!(type instanceof ParameterizedType parameterized)) {
        throw new IllegalArgumentException(path + ": a raw collection has no element type");
      }
      addField(path + "[]", parameterized.getActualTypeArguments()[0], fields);
    } else if (raw.isArray()) {
      addField(path + "[]", raw.getComponentType(), fields);
    }
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> cls) {
      return cls;
    }
    if (type instanceof ParameterizedType parameterized) {
      return (Class<?>) parameterized.getRawType();
    }
    throw new IllegalArgumentException("unsupported field type in the contract: " + type);
  }

  // The JSON types EventJson.mapper() writes for the Java types the contract uses; anything else
  // fails loudly, so a new kind of field gets a deliberate mapping here.
  private static String jsonType(Class<?> raw, String path) {
    if (raw == String.class || raw == UUID.class || raw.isEnum() || raw == char.class || raw == Character.class
        || Temporal.class.isAssignableFrom(raw)) {
      return "string";
    }
    if (raw == int.class || raw == long.class || raw == short.class || raw == byte.class || raw == Integer.class
        || raw == Long.class || raw == Short.class || raw == Byte.class || raw == BigInteger.class) {
      return "integer";
    }
    if (raw == double.class || raw == float.class || raw == Double.class || raw == Float.class
        || raw == BigDecimal.class) {
      return "number";
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return "boolean";
    }
    if (raw != byte[].class && (raw.isArray() || Collection.class.isAssignableFrom(raw))) {
      return "array";
    }
    if (raw.isRecord()) {
      return "object";
    }
    throw new IllegalArgumentException(path + ": no JSON type known for " + raw.getName());
  }

  /**
   * Compares the published shapes with the current ones. A type at the same version may gain
   * fields but not lose, rename or retype one; a type at a higher version must be readable from the
   * published version ({@code upcastable}); a published type may not disappear or go back a version.
   */
  static Comparison compare(List<TypeShape> published, List<TypeShape> current, Predicate<EventType> upcastable) {
    Map<String, TypeShape> byName = current.stream()
        .collect(Collectors.toMap(TypeShape::name, s -> s, (a, b) -> a, LinkedHashMap::new));
    List<String> violations = new ArrayList<>();
    List<String> additions = new ArrayList<>();
    for (TypeShape old : published) {
      TypeShape now = byName.remove(old.name());
      if (now == null) {
        violations.add(old.type() + ": the type disappeared");
      } else if (now.version() < old.version()) {
        violations.add(old.type() + ": the version went back to " + now.version());
      } else if (now.version() > old.version()) {
        if (upcastable.test(old.type())) {
          additions.add(old.type() + ": now v" + now.version() + ", upcast from v" + old.version());
        } else {
          violations.add(old.type() + ": the version went up to " + now.version()
              + " without an upcaster chain from v" + old.version());
        }
      } else {
        compareFields(old, now, violations, additions);
      }
    }
    byName.values().forEach(added -> additions.add(added.type() + ": new type"));
    return new Comparison(List.copyOf(violations), List.copyOf(additions));
  }

  private static void compareFields(TypeShape old, TypeShape now, List<String> violations, List<String> additions) {
    old.fields().forEach((path, jsonType) -> {
      String nowType = now.fields().get(path);
      if (nowType == null) {
        violations.add(old.type() + ": field '" + path + "' (" + jsonType + ") was removed or renamed");
      } else if (!nowType.equals(jsonType)) {
        violations.add(old.type() + ": field '" + path + "' changed type from " + jsonType + " to " + nowType);
      }
    });
    now.fields().keySet().stream()
        .filter(path -> !old.fields().containsKey(path))
        .forEach(path -> additions.add(now.type() + ": new field '" + path + "'"));
  }

  static ObjectNode toJson(List<TypeShape> shapes) {
    ObjectNode root = EventJson.mapper().createObjectNode();
    ArrayNode types = root.putArray("types");
    for (TypeShape shape : shapes) {
      ObjectNode type = types.addObject();
      type.put("name", shape.name());
      type.put("version", shape.version());
      ObjectNode fields = type.putObject("fields");
      shape.fields().forEach(fields::put);
    }
    return root;
  }

  static List<TypeShape> fromJson(JsonNode root) {
    List<TypeShape> shapes = new ArrayList<>();
    for (JsonNode type : root.required("types")) {
      Map<String, String> fields = new LinkedHashMap<>();
      type.required("fields").fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().asText()));
      shapes.add(new TypeShape(type.required("name").asText(), type.required("version").asInt(), fields));
    }
    return shapes;
  }

  /** The paths and JSON types actually present in a JSON document, to check the reflection against. */
  static Map<String, String> shapeOfJson(JsonNode node) {
    Map<String, String> fields = new LinkedHashMap<>();
    node.fields().forEachRemaining(f -> addJson(f.getKey(), f.getValue(), fields));
    return fields;
  }

  private static void addJson(String path, JsonNode value, Map<String, String> fields) {
    if (value.isObject()) {
      fields.put(path, "object");
      value.fields().forEachRemaining(f -> addJson(path + "." + f.getKey(), f.getValue(), fields));
    } else if (value.isArray()) {
      fields.put(path, "array");
      value.forEach(element -> addJson(path + "[]", element, fields));
    } else if (value.isIntegralNumber()) {
      fields.put(path, "integer");
    } else if (value.isNumber()) {
      fields.put(path, "number");
    } else if (value.isBoolean()) {
      fields.put(path, "boolean");
    } else if (value.isTextual()) {
      fields.put(path, "string");
    } else {
      fields.put(path, "null");
    }
  }
}
