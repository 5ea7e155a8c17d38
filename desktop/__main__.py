from desktop.cli.main import main

main()
