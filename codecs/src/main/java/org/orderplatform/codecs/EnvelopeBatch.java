package org.orderplatform.codecs;

import java.util.List;

/** Several envelopes sent as one request, handled in one transaction by a batching group. */
public record EnvelopeBatch(List<Envelope<?>> envelopes) {

  public EnvelopeBatch {
    envelopes = List.copyOf(envelopes);
  }
}
