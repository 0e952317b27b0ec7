package org.orderplatform.notification.domain;

import java.util.Objects;

/** A template filled in for one event: what the customer reads, whatever the channel. */
public record Rendered(Topic topic, String subject, String text) {

  public Rendered {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
  }
}
