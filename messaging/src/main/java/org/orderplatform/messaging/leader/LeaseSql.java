package org.orderplatform.messaging.leader;

/** SQL of leader election and fencing; tables are schema-qualified. */
public final class LeaseSql {

  private LeaseSql() {
  }

  static final String TRY_LOCK = "select pg_try_advisory_lock(hashtextextended($1, 0)) as acquired";

  static final String ENSURE = "insert into eventlog.leases (name) values ($1) on conflict (name) do nothing";

  // FOR UPDATE, not the weaker lock a plain UPDATE takes: a fenced write holds FOR KEY SHARE on this
  // row until it commits, so the new term starts only after every write of the old term has landed,
  // and a write that comes later sees the new term and matches nothing.
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
    return "exists (" + leaseRow(nameParam, termParam) + ")";
  }

  /**
   * The lease's row while the term is current, held FOR KEY SHARE: for a statement that must also
   * say whether it was fenced out ({@code with fence as (…) … exists (select 1 from fence)}).
   */
  public static String leaseRow(int nameParam, int termParam) {
    return "select 1 from eventlog.leases where name = $%d and term = $%d for key share".formatted(nameParam, termParam);
  }
}
