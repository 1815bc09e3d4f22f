/* Runs fn(arg) on a second thread and waits for it: the loader tests' way of trying a
 * sandbox from a thread that does not own it (R25). Include after cmocka.h. */
#ifndef SFI_TEST_RUN_THREAD_H
#define SFI_TEST_RUN_THREAD_H

#include <pthread.h>

static void run_thread(void *(*fn)(void *), void *arg) {
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, fn, arg), 0);
    assert_int_equal(pthread_join(t, NULL), 0);
}

#endif
