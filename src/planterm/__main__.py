from planterm.cli import main

main()
