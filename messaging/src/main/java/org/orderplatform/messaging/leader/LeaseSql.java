package org.orderplatform.messaging.leader;

/** SQL of leader election and fencing; tables are schema-qualified. */
public final class LeaseSql {

  private LeaseSql() {
  }

  static final String TRY_LOCK = "select pg_try_advisory_lock(hashtextextended($1, 0)) as acquired";

  // The delivery fence, on keys of their own ('fence:' + lease or group; the election's lock uses the
  // bare name). A consumer holds both shared until its transaction ends; an election or a replay
  // takes its key exclusively in the transaction that bumps the term or the epoch, so it waits for
  // every consumer transaction under way, and every later one sees the new term or epoch. Advisory
  // locks live in memory: unlike row locks they write nothing and make no multixacts, which matters
  // on the hottest path there is. A statement of its own, so the next statement's snapshot is taken
  // after the lock is held.
  public static final String FENCE_SHARED = """
      select true as held from (select pg_advisory_xact_lock_shared(hashtextextended('fence:' || $1, 0)),
                                       pg_advisory_xact_lock_shared(hashtextextended('fence:' || $2, 0))) as locks
      """;

  public static final String FENCE_EXCLUSIVE = """
      select true as held from (select pg_advisory_xact_lock(hashtextextended('fence:' || $1, 0))) as lock
      """;

  static final String ENSURE = "insert into eventlog.leases (name) values ($1) on conflict (name) do nothing";

  // In one transaction with FENCE_EXCLUSIVE on the lease. FOR UPDATE, not the weaker lock a plain
  // UPDATE takes: a fenced write holds FOR KEY SHARE on this row until it commits, so the new term
  // starts only after every write of the old term has landed, and a later one matches nothing.
  static final String NEXT_TERM = """
      with current as (select term from eventlog.leases where name = $1 for update)
      update eventlog.leases set term = (select term from current) + 1, taken_at = now()
       where name = $1
      returning term
      """;

  // Both halves matter: the term tells whether someone else was elected since; the lock row tells
  // whether this session still holds the lock at all (it may have been released behind our back).
  static final String CONFIRM = """
      select coalesce((select term from eventlog.leases where name = $1), -1) = $2 as current,
             exists (select 1 from pg_locks
                      where locktype = 'advisory' and granted and pid = pg_backend_pid() and objsubid = 1
                        and ((classid::bigint << 32) | objid::bigint) = hashtextextended($1, 0)) as held
      """;

  /**
   * The fencing condition every leader write adds to its statement, for lease {@code $name} and
   * term {@code $term} (substitute the parameter numbers): true only while that term is current,
   * and it holds the lease row against a new election until the write commits.
   */
  public static String fence(int nameParam, int termParam) {
    return "exists (select 1 from eventlog.leases where name = $%d and term = $%d for key share)"
        .formatted(nameParam, termParam);
  }
}
