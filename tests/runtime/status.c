/* main's return value is sfi-run's exit status. */
int main(void) { return 42; }
