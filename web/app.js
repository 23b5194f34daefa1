// TSG Desk
