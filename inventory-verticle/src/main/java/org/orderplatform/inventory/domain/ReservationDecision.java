package org.orderplatform.inventory.domain;

import org.orderplatform.events.RejectedLine;
import org.orderplatform.events.StockLine;

import java.util.List;

/** What to do with a request for stock: reserve every line, or none of them. */
public sealed interface ReservationDecision {

  record Reserve(List<StockLine> lines) implements ReservationDecision {
    public Reserve {
      lines = List.copyOf(lines);
    }
  }

  record Reject(List<RejectedLine> rejectedLines) implements ReservationDecision {
    public Reject {
      rejectedLines = List.copyOf(rejectedLines);
    }
  }
}
