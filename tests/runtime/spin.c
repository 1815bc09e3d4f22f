/* Runs forever: sfi-run --timeout must stop it (status 124). */
int main(void)
{
	for (volatile unsigned long i = 0;; i++)
		;
}
