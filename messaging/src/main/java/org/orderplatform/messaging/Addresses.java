package org.orderplatform.messaging;

/** Event bus addresses and the PostgreSQL channel the messaging layer uses; nothing else names them. */
public final class Addresses {

  /** Commands and events for a subscriber group are sent here (competing consumers). */
  public static String group(String group) {
    return "group." + group;
  }

  /** Every dead letter of a group is published here once stored. */
  public static String deadLetters(String group) {
    return "deadletter." + group;
  }

  /**
   * Appends committed somewhere in the cluster (published by their JVM after the commit, coalesced):
   * every JVM's sequencer candidate wakes, and the one leading numbers them.
   */
  public static final String APPENDED = "eventlog.appended";
  /** The sequencer assigned positions (body: a JSON array of the types numbered): every JVM wakes its leading dispatchers of those types. */
  public static final String SEQUENCED = "eventlog.sequenced";
  /** NOTIFY channel: an operator changed a group (replay, rebuild, dead-letter retry or discard). */
  public static final String CONTROL_CHANNEL = "eventlog_control";

  private Addresses() {
  }
}
