from mcauthor.cli import main

main()
