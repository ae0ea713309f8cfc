print("sanarip")
