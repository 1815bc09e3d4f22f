-- A deterministic workload for the sqlite3 shell (no randomness, no time).
CREATE TABLE t(id INTEGER PRIMARY KEY, k INTEGER, s TEXT, r REAL);
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000)
INSERT INTO t(k, s, r) SELECT (x * 7919) % 1000, printf('row-%05d', x), x / 7.0 FROM c;
CREATE INDEX t_k ON t(k);
SELECT count(*), sum(k), min(s), max(s), printf('%.4f', avg(r)) FROM t;
SELECT k, count(*), sum(id) FROM t WHERE k BETWEEN 100 AND 110 GROUP BY k ORDER BY k;
UPDATE t SET s = upper(s) || '-' || (k % 13) WHERE id % 3 = 0;
DELETE FROM t WHERE k % 17 = 5;
SELECT count(*), total(length(s)), group_concat(DISTINCT substr(s, 1, 3)) FROM t;
CREATE TABLE u AS SELECT k, count(*) AS n FROM t GROUP BY k;
SELECT u.k, u.n, t.s FROM u JOIN t ON t.k = u.k WHERE u.k < 5 ORDER BY t.id LIMIT 12;
SELECT hex(zeroblob(8)), quote(x'00ff'), typeof(1.5), 12345678901 * 3, 7 / 2, 7.0 / 2;
WITH RECURSIVE f(n, a, b) AS (SELECT 0, 0, 1 UNION ALL SELECT n + 1, b, a + b FROM f WHERE n < 80)
SELECT n, a FROM f WHERE n % 10 = 0;
SELECT json_object('a', 1, 'b', json_array(1, 2, 'x'));
PRAGMA integrity_check;
