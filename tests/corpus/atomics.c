/* Atomics: lock-prefixed read-modify-write (lock xadd, lock add/and/or/xor,
 * lock cmpxchg loops for fetch_and/or with a used result), xchg with memory
 * (implicitly locked), cmpxchg16b for 16-byte compare-exchange, and fences. */
#include <stdint.h>
#include "corpus.h"

static long counter;
static unsigned flags;
static int64_t slots[64];
static __int128 wide;

static void __attribute__((noinline)) bump(long *p, int n)
{
	for (int i = 0; i < n; i++)
		__atomic_fetch_add(p, i, __ATOMIC_SEQ_CST);
}

static unsigned __attribute__((noinline)) bits(unsigned *p, unsigned set, unsigned clear)
{
	unsigned old = __atomic_fetch_or(p, set, __ATOMIC_ACQ_REL); /* cmpxchg loop */
	__atomic_fetch_and(p, ~clear, __ATOMIC_RELEASE);            /* lock and */
	__atomic_fetch_xor(p, 0x100, __ATOMIC_RELAXED);             /* lock xor */
	return old;
}

static int __attribute__((noinline)) cas(int64_t *p, int64_t expect, int64_t desired)
{
	return __atomic_compare_exchange_n(p, &expect, desired, 0, __ATOMIC_SEQ_CST,
	                                   __ATOMIC_SEQ_CST);
}

static int64_t __attribute__((noinline)) swap(int64_t *p, int64_t v)
{
	return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST); /* xchg %reg, mem */
}

__attribute__((target("cx16"), noinline)) static int cas16(__int128 *p, __int128 expect,
                                                           __int128 desired)
{
	return __sync_bool_compare_and_swap(p, expect, desired); /* lock cmpxchg16b */
}

static long __attribute__((noinline)) spin_sum(int64_t *a, int n)
{
	long s = 0;
	for (int i = 0; i < n; i++) {
		int64_t old = __atomic_load_n(&a[i], __ATOMIC_ACQUIRE);
		while (!__atomic_compare_exchange_n(&a[i], &old, old * 2 + 1, 1, __ATOMIC_SEQ_CST,
		                                    __ATOMIC_RELAXED))
			;
		s += __atomic_sub_fetch(&a[i], 1, __ATOMIC_SEQ_CST);
		__atomic_thread_fence(__ATOMIC_SEQ_CST); /* mfence */
	}
	__atomic_store_n(&a[0], s, __ATOMIC_SEQ_CST); /* xchg or mov+mfence */
	return s;
}

static _Bool __attribute__((noinline)) test_and_set(volatile char *flag)
{
	return __atomic_test_and_set(flag, __ATOMIC_SEQ_CST);
}

int main(void)
{
	bump(&counter, 1000 + corpus_seed % 10);
	printf("counter: %ld\n", counter);
	printf("bits: %u", bits(&flags, 0xf0f0, 0x00f0));
	printf(" %u\n", flags);
	for (int i = 0; i < 64; i++)
		slots[i] = i * 3;
	printf("cas: %d %d %lld\n", cas(&slots[3], 9, 100), cas(&slots[4], 9, 100), (long long)slots[3]);
	printf("swap: %lld %lld\n", (long long)swap(&slots[5], -1), (long long)slots[5]);
	printf("spin_sum: %ld\n", spin_sum(slots, 64));
	wide = ((__int128)corpus_seed << 64) | 7;
	int ok1 = cas16(&wide, ((__int128)corpus_seed << 64) | 7, -5);
	int ok2 = cas16(&wide, 7, 8);
	printf("cas16: %d %d %lld\n", ok1, ok2, (long long)wide);
	static char flag;
	printf("tas: %d %d\n", test_and_set(&flag), test_and_set(&flag));
	return 0;
}
