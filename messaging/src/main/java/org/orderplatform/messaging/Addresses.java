package org.orderplatform.messaging;

/** Event bus addresses and PostgreSQL channels the messaging layer uses; nothing else names them. */
public final class Addresses {

  /** Commands and events for a subscriber group are sent here (competing consumers). */
  public static String group(String group) {
    return "group." + group;
  }

  /** Every dead letter of a group is published here once stored. */
  public static String deadLetters(String group) {
    return "deadletter." + group;
  }

  /** NOTIFY channel: an append committed, the sequencer has work. */
  public static final String APPENDED_CHANNEL = "eventlog_appended";
  /** NOTIFY channel: positions were assigned, dispatchers have work. */
  public static final String SEQUENCED_CHANNEL = "eventlog_sequenced";
  /** NOTIFY channel: an operator changed a group (replay, rebuild, dead-letter retry or discard). */
  public static final String CONTROL_CHANNEL = "eventlog_control";

  private Addresses() {
  }
}
