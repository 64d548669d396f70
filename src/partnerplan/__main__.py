from partnerplan.cli.main import main

main()
