package org.orderplatform.codecs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON mapper of the contract: compact, ISO-8601 instants, tolerant of added fields. */
public final class EventJson {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      // A newer producer may add fields; an older reader keeps working (the tolerant reader).
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      // Decimals are read exactly: as doubles, a v1 amount such as 12.5000000000000001 became 12.5
      // before the upcaster could refuse its sub-cent precision.
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      // ...and never truncated into an integer field: "minor": 1250.5 is malformed, not 1250 cents.
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private EventJson() {
  }

  /** Shared and thread-safe once configured; do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
